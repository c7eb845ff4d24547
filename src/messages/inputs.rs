//! Messages of reading inputs other than spreadsheets: files, YAML (roster, decisions), templates, design.
