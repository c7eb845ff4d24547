//! Helpers shared by the fuzz targets.

mod package_check;

pub use package_check::{assert_well_formed_package, check_xml, is_xml_char};
