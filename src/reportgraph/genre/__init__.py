"""The genre's words: the naming grammar of bodies, meetings and titles; relation cues."""
