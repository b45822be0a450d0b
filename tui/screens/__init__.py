"""quotewire's modal screens."""

from .help import HelpScreen
from .speaker_picker import SpeakerPicker

__all__ = ["HelpScreen", "SpeakerPicker"]
