// The `modactors` command: entry point. Subcommands live in Commands/.
return 0;
