//! chibo: the news website and term-review reports of a Vietnamese Party
//! cell, built from YAML activity logs and Markdown articles.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod dates;
pub mod diag;
pub mod disk;
pub mod edit;
pub mod figures;
pub mod load;
pub mod model;
pub mod output;
pub mod print;
pub mod render;
pub mod serve;
pub mod text;
pub mod vn;
pub mod yaml;
