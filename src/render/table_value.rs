//! A value in one of chibo's own tables (the roll-up's, a spreadsheet's
//! rows): a count, a percentage or words; printed the Vietnamese way, or
//! written to a spreadsheet cell as a number, a percent cell or text.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::vn;

/// A value in a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count.
    Count(u32),
    /// A percentage as the figures give it (92.4); `None` prints "—" and
    /// leaves a spreadsheet cell empty.
    Percent(Option<f64>),
    /// Words.
    Text(String),
}

impl Value {
    /// As printed: "1.234", "92,4%", the words.
    pub fn text(&self) -> String {
        match self {
            Value::Count(n) => vn::decimal(f64::from(*n), 0),
            Value::Percent(p) => vn::percent(*p),
            Value::Text(s) => s.clone(),
        }
    }

    /// Into a spreadsheet cell: a count as a number, a percentage as a
    /// percent cell (`pct`; 92.4 is written 0.924), words as text.
    pub fn write(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        col: u16,
        pct: &Format,
    ) -> Result<(), XlsxError> {
        match self {
            Value::Count(n) => {
                sheet.write_number(row, col, f64::from(*n))?;
            }
            Value::Percent(Some(p)) => {
                sheet.write_number_with_format(row, col, p / 100.0, pct)?;
            }
            Value::Percent(None) => {}
            Value::Text(s) => {
                sheet.write_string(row, col, s)?;
            }
        }
        Ok(())
    }
}
