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
        Command::Check => cmd::check::run(&root, cli.quiet),
        Command::Build(args) => cmd::build::run(&root, args, cli.quiet),
    };
    std::process::exit(code);
}
