//! The supporting parts of a package, one file per concept: styles, numbering, settings
//! (with font table and theme), document properties, relationships and content types.
//! Each is a function from what it depends on to its bytes.

pub(crate) mod numbering;
pub(crate) mod properties;
pub(crate) mod relationships;
pub(crate) mod settings;
pub(crate) mod styles;
