//! The `chibo` command: parses the command line (`cli`), runs one command
//! (`cmd`) and turns its outcome into the exit code of README.md §Commands (0 success,
//! 1 a problem in the content, 2 a wrong command line).

use clap::Parser;

use chibo::cli::{Cli, Command, NewKind};
use chibo::cmd;

fn main() {
    let cli = parse_cli();
    let root = chibo::load::absolute(&cli.root);
    // Every command but `init` and `rollup` works on a site: one message
    // when there is none.
    if needs_a_site(&cli.command, &root)
        && let Some(msg) = cmd::not_a_site(&root)
    {
        eprintln!("{msg}");
        std::process::exit(cmd::CONTENT_ERROR.exit_code());
    }
    let code = match &cli.command {
        // A relative DIR is taken inside --root (the current folder by default).
        Command::Init { dir } => cmd::init::run(&root.join(dir), cli.quiet),
        Command::New(kind) => new(&root, kind, cli.quiet),
        Command::Members { date, due } => cmd::members::run(&root, date.as_deref(), *due),
        Command::Rating { year, pdf } => cmd::rating::run(&root, *year, *pdf, cli.quiet),
        Command::Rollup {
            from,
            to,
            json,
            xlsx,
        } => cmd::rollup::run(
            &root,
            from.as_deref(),
            to.as_deref(),
            *json,
            xlsx.as_deref(),
        ),
        Command::Figures {
            from,
            to,
            json,
            xlsx,
        } => cmd::figures::run(
            &root,
            from.as_deref(),
            to.as_deref(),
            *json,
            xlsx.as_deref(),
        ),
        Command::Meeting {
            date,
            all,
            from,
            to,
            before,
            pdf,
        } => cmd::meeting::run(
            &root,
            &cmd::meeting::Which {
                date: date.as_deref(),
                all: *all,
                from: from.as_deref(),
                to: to.as_deref(),
            },
            *before,
            *pdf,
            cli.quiet,
        ),
        Command::Report {
            names, pdf, output, ..
        } => cmd::report::run(&root, names, *pdf, output, cli.quiet),
        Command::Serve {
            port,
            interface,
            open,
        } => cmd::serve::run(
            &root,
            &cmd::serve::ServeArgs {
                port: *port,
                interface: interface.clone(),
                open: *open,
                quiet: cli.quiet,
            },
        ),
        Command::Clean => cmd::clean::run(&root, cli.quiet),
        Command::Check { external } => cmd::check::run(&root, *external, cli.quiet),
        Command::Build(args) => cmd::build::run(&root, args, cli.quiet),
    };
    std::process::exit(code.exit_code());
}

/// `chibo new …`.
/// The command line, or the process ends: help and version with exit 0,
/// a wrong command line with exit 2.
fn parse_cli() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            match e.kind() {
                // `--help` and `--version`: our Vietnamese pages, exit 0.
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    print!("{e}");
                    std::process::exit(cmd::OK.exit_code());
                }
                // `chibo` or `chibo new` alone: the help, as a usage error.
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    eprint!("{e}");
                    std::process::exit(cmd::USAGE_ERROR.exit_code());
                }
                _ => {
                    eprint!("{}", chibo::cli::error_message(&e));
                    std::process::exit(cmd::USAGE_ERROR.exit_code());
                }
            }
        }
    }
}

/// Whether the command works on a site: every command but `init` and
/// `rollup`, and but `report` and `new report` in a roll-up folder (the
/// committee's reports).
fn needs_a_site(command: &Command, root: &std::path::Path) -> bool {
    let committee_work = cmd::is_rollup_folder(root)
        && matches!(
            command,
            Command::Report { .. } | Command::New(NewKind::Report { .. })
        );
    !matches!(command, Command::Init { .. } | Command::Rollup { .. }) && !committee_work
}

fn new(root: &std::path::Path, kind: &NewKind, quiet: bool) -> cmd::Outcome {
    match kind {
        NewKind::Article {
            title,
            category,
            figures,
            slug,
        } => cmd::new::article(
            root,
            &cmd::new::ArticleArgs {
                title,
                category: category.as_deref(),
                figures: figures.as_deref(),
                slug: slug.as_deref(),
            },
            quiet,
        ),
        NewKind::Activity { kind } => cmd::new::activity(root, kind, quiet),
        NewKind::Member {
            name,
            admitted,
            ceremony,
            joined,
        } => cmd::members::new_member(
            root,
            name,
            &cmd::members::Dates {
                admitted: admitted.as_deref(),
                ceremony: ceremony.as_deref(),
                joined: joined.as_deref(),
            },
            quiet,
        ),
        NewKind::Rating { year } => cmd::rating::new_rating(root, *year, quiet),
        NewKind::Report { kind, year } => cmd::new_report::run(root, kind, *year, quiet),
    }
}
