//! Messages of building the model: joining, validation, matching, notes, changes.
