//! The `chibo` command: parses the command line (`cli`), runs one command
//! (`cmd`) and turns its outcome into the exit code of DESIGN.md (0 success,
//! 1 a problem in the content, 2 a wrong command line).

use clap::Parser;

use chibo::cli::{Cli, Command, NewKind};
use chibo::cmd;

fn main() {
    let cli = Cli::parse();
    let root = chibo::load::absolute(&cli.root);
    let code = match &cli.command {
        Command::Init { dir } => cmd::init::run(dir, cli.quiet),
        Command::New(NewKind::Article { title, category }) => {
            cmd::new::article(&root, title, category.as_deref(), cli.quiet)
        }
        Command::New(NewKind::Activity { kind }) => cmd::new::activity(&root, kind, cli.quiet),
        Command::Figures { from, to, json } => {
            cmd::figures::run(&root, from.as_deref(), to.as_deref(), *json)
        }
        Command::Report { names, pdf, output } => {
            cmd::report::run(&root, names, *pdf, output, cli.quiet)
        }
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
        Command::Check => cmd::check::run(&root, cli.quiet),
        Command::Build(args) => cmd::build::run(&root, args, cli.quiet),
    };
    std::process::exit(code.exit_code());
}
