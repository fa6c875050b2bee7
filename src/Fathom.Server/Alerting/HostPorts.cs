using Fathom.Alerting.Notifications;
using Fathom.Server.Environments;
using Fathom.Server.Hosting;

namespace Fathom.Server.Alerting;

/// <summary>The ports this host listens on (admin, its own app port, every environment's app port), which notifications
/// must never reach on this machine.</summary>
internal sealed class HostPorts(FathomServer server, EnvironmentRegistry? registry) : IPlatformPorts
{
    public IReadOnlyCollection<int> Ports
    {
        get
        {
            var ports = new HashSet<int>();
            try
            {
                ports.Add(server.AdminUrl.Port);
                if (server.OwnAppUrl is { } app)
                {
                    ports.Add(app.Port);
                }
            }
            catch (InvalidOperationException)
            {
                // Not listening yet: nothing is sent before the host starts anyway.
            }

            foreach (var environment in registry?.All ?? [])
            {
                if (environment.Url is { } url)
                {
                    ports.Add(url.Port);
                }
            }

            return ports;
        }
    }
}
