//! chibo: the news website and term-review reports of a Vietnamese Party
//! cell, built from YAML activity logs and Markdown articles.

pub mod body_syntax;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod figures;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod vn;
pub mod yaml;
