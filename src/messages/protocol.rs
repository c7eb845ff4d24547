//! Texts of the protocol forms of address (`protokollanrede`, src/render/filters/protocol.rs).

/// The office of the head of a state chancellery, as addressed.
pub const CHEF_DER_STAATSKANZLEI: &str = "Chef der Staatskanzlei";
/// The same, feminine.
pub const CHEFIN_DER_STAATSKANZLEI: &str = "Chefin der Staatskanzlei";

/// "Sehr geehrter Herr Minister".
pub fn salutation_male(office: &str) -> String {
    format!("Sehr geehrter Herr {office}")
}

/// "Sehr geehrte Frau Staatssekretärin".
pub fn salutation_female(office: &str) -> String {
    format!("Sehr geehrte Frau {office}")
}
