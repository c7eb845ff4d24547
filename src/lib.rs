//! briefing: monthly Word briefings for the IT-Planungsrat spokespersons.
