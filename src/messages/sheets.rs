//! Messages of the MPK spreadsheets: guards, sheets, tables, rows, cells, headers, dates.
