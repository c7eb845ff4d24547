//! Messages of the month's output folder: writer, lock, manifest, send log.
