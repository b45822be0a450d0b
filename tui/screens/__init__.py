"""quotewire's modal screens."""

from .help import HelpScreen
from .prompt import Prompt
from .speaker_picker import SpeakerPicker

__all__ = ["HelpScreen", "Prompt", "SpeakerPicker"]
