using Fathom.Cli;

return await FathomCommand.RunAsync(args);
