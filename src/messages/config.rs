//! Messages of briefing.yaml (load/config.rs).
