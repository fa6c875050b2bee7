using Microsoft.AspNetCore.Authorization;

namespace Fathom.Server.Access.Authorization;

/// <summary>A policy's one requirement: the caller's role is at least <see cref="Role"/>, and a credential limited to an
/// app or environment is used only on requests addressing it.</summary>
public sealed record AccessRequirement(AccessRole Role) : IAuthorizationRequirement;
