"""The boilerplate scrapes carry along with an article, as lists of regular expressions.

Kept apart from the code that applies them so a new outlet's navigation or plea is one
line here. All patterns are matched case-insensitively; `(?-i:...)` marks the parts
where case matters.
"""

from __future__ import annotations

# A whole paragraph that is only navigation, a widget label or a credit line.
NAV_LINES: tuple[str, ...] = (
    r"back\s+to\s+top", r"scroll\s+to\s+top", r"top\s+of\s+page", r"skip\s+to\s+(?:main\s+)?content",
    r"skip\s+navigation", r"jump\s+to\s+(?:navigation|content)",
    r"share(?:\s+this)?(?:\s+(?:article|story|page|post))?", r"share\s+(?:on|via)\s+\w+(?:\s+\w+)?",
    r"tweet", r"e-?mail", r"print(?:\s+this\s+(?:article|page|story))?", r"save(?:\s+article)?", r"bookmark",
    r"advertisement", r"advertising", r"sponsored(?:\s+content)?", r"\[?\s*ad\s*\]?",
    r"related(?:\s+(?:articles?|stories|news|coverage|content|topics|links|reading))?",
    r"more\s+(?:from|on|in|about)\s+[\w .'’&-]{1,40}", r"more\s+(?:stories|news|articles|videos)",
    r"you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)",
    r"recommended(?:\s+(?:for\s+you|stories|articles|reading))?", r"most\s+(?:read|popular|viewed|shared)",
    r"trending(?:\s+(?:now|stories|topics))?", r"top\s+stories", r"editor['’]?s\s+picks?",
    r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?", r"(?:leave|add|post|show|view|hide)\s+(?:a\s+)?comments?",
    r"continue\s+reading(?:\s+(?:below|the\s+main\s+story))?", r"story\s+continues\s+below(?:\s+advertisement)?",
    r"home", r"menu", r"search", r"close", r"next", r"previous", r"(?:next|previous)\s+(?:article|story|page)",
    r"(?:read|listen|watch)\s+(?:more|now|next|later)", r"listen\s+to\s+(?:this\s+)?(?:article|story)",
    r"(?:loading|please\s+wait)\s*(?:\.\.\.|…)?",
    r"(?:reading\s+time\s*:?\s*)?\d+\s*min(?:ute)?s?(?:\s+read)?",
    r"image\s+(?:caption|copyright|source)\b.{0,150}", r"(?:file\s+)?photo(?:\s+credit)?\s*:.{0,150}",
    r"(?:file\s+)?photo\s+by\s+.{0,100}", r"getty\s+images", r"(?:tags|topics|filed\s+under|keywords)\s*:.{0,200}",
    r"\(?\s*end\s*\)?", r"/?\s*(?:end|ends)\s*/?", r"#{3}|\*{3}|-{3,}|_{3,}",
)

# Navigation phrases that scrapes glue to a real sentence ("...get the story right.Back To Top"):
# removed at a sentence boundary wherever they stand, leaving the sentence intact.
NAV_GLUED: tuple[str, ...] = (
    r"back\s+to\s+top", r"scroll\s+to\s+top", r"advertisement", r"skip\s+to\s+(?:main\s+)?content",
    r"share\s+this\s+(?:article|story)", r"story\s+continues\s+below(?:\s+advertisement)?",
    r"continue\s+reading(?:\s+below)?", r"scroll\s+to\s+continue(?:\s+with\s+content)?", r"\(end\)",
)

# How a boilerplate sentence begins; the whole sentence (to its final stop) is removed.
SENTENCE_LEADS: tuple[str, ...] = (
    # subscription pleas
    r"in\s+a\s+time\s+of\s+both\s+misinformation\s+and\s+too\s+much\s+information",
    r"by\s+subscribing,?\s+you\s+(?:can|will|help)",
    r"(?:please\s+)?subscribe\s+(?:now|today|here|to\s+(?:our|the|read|continue))\b",
    r"(?:become|be)\s+a\s+(?:member|subscriber|supporter)\b",
    r"support\s+(?:our|independent|quality|local)\s+journalism",
    r"already\s+(?:a\s+subscriber|have\s+an\s+account)",
    r"you\s+have\s+reached\s+(?:your|the)\s+(?:free\s+)?(?:article\s+|monthly\s+)?limit",
    r"this\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:available|reserved)\s+(?:to|for)\s+(?:subscribers|members)",
    r"(?:get|enjoy)\s+unlimited\s+(?:digital\s+)?access",
    r"(?:please\s+)?(?:consider\s+)?(?:donate|donating)\s+(?:now|today|to\s+(?:us|our))\b",
    # cookie and consent banners
    r"by\s+continuing\s+to\s+(?:use|browse)\b",
    # newsletters, apps, social media
    r"sign(?:ing)?\s+up\s+(?:for|to)\s+(?:our|the)\b",
    r"(?:get|receive)\s+(?:our|the)\s+[\w\s]{0,30}?newsletter",
    r"subscribe\s+to\s+(?:our|the)\s+[\w\s]{0,30}?newsletter",
    r"follow\s+us\s+(?:on|at)\b", r"like\s+us\s+on\s+facebook",
    r"follow\s+(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3}\s+on\s+(?:twitter|facebook|instagram|linkedin|x)\b",
    r"download\s+(?:our|the)\s+[\w\s]{0,20}?app\b", r"get\s+the\s+[\w\s]{0,20}?app\b",
    r"(?:get|receive)\s+(?:breaking\s+)?news\s+alerts",
    # calls to action
    r"click\s+here\b", r"tap\s+here\b",
    r"read\s+more\b", r"(?:read|see)\s+also\s*:", r"also\s+read\s*:", r"related\s*:",
    r"share\s+(?:this|your)\s+(?:article|story|thoughts)\b",
    r"(?:send|email)\s+us\s+(?:a\s+|your\s+)?(?:news\s+)?tips?\b", r"have\s+a\s+(?:news\s+)?tip\?",
    r"(?:report|flag)\s+an?\s+(?:error|issue|typo)\b",
    # legal and cookie notices
    r"copyright\s*(?:©|\(c\)|\d{4})", r"©", r"\(c\)\s*\d{4}", r"all\s+rights\s+reserved",
    r"(?:we|this\s+(?:web)?site|this\s+page)\s+uses?\s+cookies", r"(?:accept|manage)\s+(?:all\s+)?cookies\b",
    r"by\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web)?site",
    r"this\s+(?:material|article)\s+may\s+not\s+be\s+(?:published|reproduced)",
    r"(?:this|the)\s+(?:article|story)\s+(?:was|has\s+been)\s+(?:originally\s+|first\s+)?published\s+(?:on|by|in)\b",
    # wire-service credit lines
    # ...only when it reads like one: a ";" list, in brackets, or closing the paragraph
    r"\(?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+(?-i:[A-Z])(?=[^.!?\n]{0,150}(?:;|\)|$))",
)

# A short paragraph that starts the block of links and widgets at the end of a page.
FOOTER_START: tuple[str, ...] = (
    r"related\b", r"read\s+(?:more|also)\b", r"also\s+read\b", r"see\s+also\b",
    r"more\s+(?:from|on|in|stories|news|articles)\b", r"you\s+(?:may|might)\s+also\s+like\b",
    r"recommended\b", r"most\s+(?:read|popular|viewed|shared)\b", r"trending\b", r"top\s+stories\b",
    r"share\b", r"follow\s+us\b", r"tags\s*:", r"topics\s*:", r"filed\s+under\b", r"keywords\s*:",
    r"copyright\b", r"©", r"all\s+rights\s+reserved\b", r"sign\s+up\b", r"subscribe\b", r"comments?\b",
    r"about\s+the\s+author\b", r"newsletter\b",
)
