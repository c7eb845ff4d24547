//! What each briefing is made from: one spokesperson's share of the model (the overview is
//! made from the whole model).
//!
//! Only selects from a built [`Model`]; it neither changes nor sorts anything (the model's
//! orders carry over).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::types::{Beschluss, KalenderEintrag, Konferenz, Model, Sitzung, Sprecher, Termin};
use crate::month::Month;

/// What one spokesperson's briefing is made from.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingContext<'a> {
    /// As [`Model::stand`].
    pub stand: NaiveDate,
    /// As [`Model::monat`].
    pub monat: Month,
    /// As [`Model::termin_horizont_monate`].
    pub termin_horizont_monate: u32,
    /// As [`Model::beschluss_zeitraum_monate`].
    pub beschluss_zeitraum_monate: u32,
    /// The person the briefing is for.
    pub sprecher: &'a Sprecher,
    /// Their conferences, in the order of their roster entry.
    pub konferenzen: Vec<&'a Konferenz>,
    /// The upcoming meetings of all their conferences: by date, open dates last.
    pub termine: Vec<&'a Termin>,
    /// Decisions relevant to any of their conferences, newest first.
    pub beschluesse: Vec<&'a Beschluss>,
    /// The month the changes compare with; absent in the first month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vormonat: Option<Month>,
    /// As [`Model::sitzungen`].
    pub sitzungen: &'a [Sitzung],
    /// As [`Model::naechste_sitzung`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub naechste_sitzung: Option<&'a Sitzung>,
    /// The calendar entries of their conferences (for the calendar file, not the templates).
    #[serde(skip)]
    pub kalender: Vec<&'a KalenderEintrag>,
}

impl Model {
    /// The context for the briefing of spokesperson `id`. For many briefings, build
    /// [`BriefingContexts`] once instead.
    pub fn briefing(&self, id: &str) -> Option<BriefingContext<'_>> {
        let sprecher = self.sprecher.iter().find(|s| s.id == id)?;
        Some(BriefingContexts::new(self).of(sprecher))
    }
}

/// Finds what each briefing is made from in time proportional to that briefing, not to the
/// roster: conferences by code and meetings grouped by conference, indexed once.
pub struct BriefingContexts<'a> {
    model: &'a Model,
    konferenzen: HashMap<&'a str, &'a Konferenz>,
    /// Positions in `model.termine`, in its order.
    termine: HashMap<&'a str, Vec<usize>>,
}

impl<'a> BriefingContexts<'a> {
    /// Indexes `model` once for all its briefings.
    pub fn new(model: &'a Model) -> Self {
        let mut konferenzen = HashMap::new();
        for k in &model.konferenzen {
            // The first of a duplicated code, as a search would find (a built model has none).
            konferenzen.entry(k.kuerzel.as_str()).or_insert(k);
        }
        let mut termine: HashMap<&str, Vec<usize>> = HashMap::new();
        for (position, termin) in model.termine.iter().enumerate() {
            termine
                .entry(termin.konferenz.as_str())
                .or_default()
                .push(position);
        }
        BriefingContexts {
            model,
            konferenzen,
            termine,
        }
    }

    /// The context for the briefing of `sprecher`, one of the model's spokespersons.
    pub fn of(&self, sprecher: &'a Sprecher) -> BriefingContext<'a> {
        let model = self.model;
        let codes = &sprecher.konferenzen;
        let konferenzen: Vec<&Konferenz> = codes
            .iter()
            .filter_map(|code| self.konferenzen.get(code.as_str()).copied())
            .collect();
        // Positions keep the model's order (by date, open dates last) across conferences.
        let mut positions: Vec<usize> = codes
            .iter()
            .filter_map(|code| self.termine.get(code.as_str()))
            .flatten()
            .copied()
            .collect();
        positions.sort_unstable();
        positions.dedup();
        let termine = positions.into_iter().map(|i| &model.termine[i]).collect();
        let beschluesse = model
            .beschluesse
            .iter()
            .filter(|b| b.alle || b.konferenzen.iter().any(|c| codes.contains(c)))
            .collect();
        BriefingContext {
            stand: model.stand,
            monat: model.monat,
            termin_horizont_monate: model.termin_horizont_monate,
            beschluss_zeitraum_monate: model.beschluss_zeitraum_monate,
            sprecher,
            konferenzen,
            termine,
            beschluesse,
            vormonat: model.vormonat,
            sitzungen: &model.sitzungen,
            naechste_sitzung: model.naechste_sitzung.as_ref(),
            kalender: model
                .kalender
                .iter()
                .filter(|entry| codes.contains(&entry.termin.konferenz))
                .collect(),
        }
    }
}
