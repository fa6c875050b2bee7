namespace Fathom.Server.Access.Authorization;

/// <summary>Endpoint metadata: the endpoint concerns no app in particular (content-addressed artifact uploads), so a
/// credential limited to one app may use it with the role it has.</summary>
public sealed class ServesEveryApp
{
    public static readonly ServesEveryApp Instance = new();

    private ServesEveryApp()
    {
    }
}
