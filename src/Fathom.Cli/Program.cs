using Fathom.Cli;
using Fathom.Runtime.Isolation;

// First, before any child process (npm, a runtime, slirp4netns) can start: descriptors a shell or supervisor left
// open when it started fathom must not be inherited by anything it runs.
InheritedDescriptors.Seal();
return await FathomCommand.RunAsync(args);
