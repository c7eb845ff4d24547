//! Messages of the command line: arguments, usage errors, help, reports, progress, the commands and settings.
