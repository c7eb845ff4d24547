//! Messages of assembling documents, the DOCX writer (reference document), calendar files, PDF.
