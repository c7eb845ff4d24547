//! Messages of e-mail delivery: messages, SMTP, the send batch, freshness.
