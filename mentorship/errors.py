class Refused(Exception):
    """A business action refused by a rule or a permission; the message is
    translated and shown to the user as is. Nothing has been changed."""
