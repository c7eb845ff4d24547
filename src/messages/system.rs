//! Messages of shared leaves: operating-system reasons, the crate error, diagnostics prefixes, months.
