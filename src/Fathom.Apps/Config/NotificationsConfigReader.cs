using System.Text.RegularExpressions;
using Fathom.Apps.Templates;

namespace Fathom.Apps.Config;

/// <summary>Reads the <c>notifications:</c> section: <c>channels</c>, a mapping of channel name to its <c>type</c> and
/// settings. Every value is checked here, so a bad channel fails the load (and the deploy), not the first alarm.</summary>
internal static partial class NotificationsConfigReader
{
    private static readonly string[] Types = ["webhook", "slack", "alertmanager", "email"];

    private static readonly string[] AllKeys = ["url", "secretEnv", "events", "host", "port", "starttls", "from", "to", "usernameEnv", "passwordEnv"];

    public static NotificationsConfig Read(ConfigSectionReader section)
    {
        var channelsSection = section.Section("channels");
        if (channelsSection is null || channelsSection.Self is not MappingNode map)
        {
            return new NotificationsConfig();
        }

        var channels = new List<NotificationChannelConfig>();
        foreach (var entry in map.Entries)
        {
            if (!ChannelName().IsMatch(entry.Name))
            {
                section.Diagnostics.Error(entry.Key, $"'{entry.Name}' is not a channel name: use letters, digits, '.', '-' and '_' (at most 64)");
            }

            var channel = channelsSection.Section(entry.Name)!;
            if (ReadChannel(channel, entry) is { } read)
            {
                channels.Add(read);
            }

            channel.RejectUnknownKeys();
        }

        channelsSection.RejectUnknownKeys();
        return new NotificationsConfig { Channels = channels };
    }

    private static NotificationChannelConfig? ReadChannel(ConfigSectionReader section, TemplateEntry entry)
    {
        var source = $"{Path.GetFileName(entry.Key.Location.File)}:{entry.Key.Location.Line}:{entry.Key.Location.Column}";
        var typeText = section.String("type");
        NotificationChannelType type;
        switch (typeText)
        {
            case null:
                section.Diagnostics.Error(section.Self, $"'{section.Path}.type' is required: one of {string.Join(", ", Types)}");
                return null;
            case "webhook": type = NotificationChannelType.Webhook; break;
            case "slack": type = NotificationChannelType.Slack; break;
            case "alertmanager": type = NotificationChannelType.Alertmanager; break;
            case "email": type = NotificationChannelType.Email; break;
            default:
                section.Error("type", $"'{section.Path}.type' must be one of {string.Join(", ", Types)}, not '{typeText}'{Validation.Suggestions.Hint(typeText, Types)}");

                // The other keys cannot be judged without a type; one error is enough.
                foreach (var key in AllKeys)
                {
                    section.Node(key);
                }

                return null;
        }

        var valid = true;
        var events = ReadEvents(section, ref valid);
        var channel = new NotificationChannelConfig { Name = entry.Name, Type = type, Events = events, Source = source };
        if (type == NotificationChannelType.Email)
        {
            channel = ReadEmail(section, channel, ref valid);
        }
        else
        {
            channel = channel with { Url = ReadUrl(section, ref valid) };
            if (type == NotificationChannelType.Webhook)
            {
                channel = channel with { SecretEnv = EnvName(section, "secretEnv", ref valid) };
            }
        }

        return valid ? channel : null;
    }

    private static Uri? ReadUrl(ConfigSectionReader section, ref bool valid)
    {
        var text = section.String("url");
        if (text is null)
        {
            section.Diagnostics.Error(section.Self, $"'{section.Path}.url' is required: the absolute http:// or https:// URL to post to");
            valid = false;
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            section.Error("url", $"'{section.Path}.url' must be an absolute http:// or https:// URL, not '{text}'");
            valid = false;
            return null;
        }

        if (url.UserInfo.Length > 0)
        {
            // A password in the URL would sit in the file in clear; the brief for every secret is an environment variable.
            section.Error("url", $"'{section.Path}.url' must not carry a user or password; keep secrets in environment variables");
            valid = false;
            return null;
        }

        return url;
    }

    private static NotificationChannelConfig ReadEmail(ConfigSectionReader section, NotificationChannelConfig channel, ref bool valid)
    {
        var host = section.String("host");
        if (host is null)
        {
            section.Diagnostics.Error(section.Self, $"'{section.Path}.host' is required: the SMTP server's name or address");
            valid = false;
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            section.Error("host", $"'{section.Path}.host' must be a host name or an address, not '{host}'");
            valid = false;
        }

        var startTls = section.Bool("starttls");
        valid &= startTls is not null || section.Node("starttls") is null;
        var port = section.Int("port", 1, 65535);
        valid &= port is not null || section.Node("port") is null;
        var from = section.String("from");
        if (from is null)
        {
            section.Diagnostics.Error(section.Self, $"'{section.Path}.from' is required: the sender's address");
            valid = false;
        }
        else if (!LooksLikeAddress(from))
        {
            section.Error("from", $"'{section.Path}.from' must be an email address, not '{from}'");
            valid = false;
        }

        var to = new List<string>();
        switch (section.Node("to"))
        {
            case null:
                section.Diagnostics.Error(section.Self, $"'{section.Path}.to' is required: one address or a list of them");
                valid = false;
                break;
            case ScalarNode one:
                to.Add(one.Value);
                break;
            case SequenceNode list:
                to.AddRange(list.Items.OfType<ScalarNode>().Select(s => s.Value));
                if (to.Count != list.Items.Count)
                {
                    section.Error("to", $"'{section.Path}.to' must be a list of addresses");
                    valid = false;
                }

                break;
            case var other:
                section.Diagnostics.Error(other, $"'{section.Path}.to' must be an address or a list of them, not {other.Kind}");
                valid = false;
                break;
        }

        foreach (var bad in to.Where(a => !LooksLikeAddress(a)))
        {
            section.Error("to", $"'{section.Path}.to' has '{bad}', which is not an email address");
            valid = false;
        }

        var username = EnvName(section, "usernameEnv", ref valid);
        var password = EnvName(section, "passwordEnv", ref valid);
        if ((username is null) != (password is null))
        {
            section.Diagnostics.Error(section.Self, $"'{section.Path}' needs both usernameEnv and passwordEnv, or neither");
            valid = false;
        }

        var tls = startTls ?? true;
        return channel with
        {
            SmtpHost = host, SmtpPort = port ?? (tls ? 587 : 25), StartTls = tls, From = from, To = to, UsernameEnv = username, PasswordEnv = password,
        };
    }

    private static List<string> ReadEvents(ConfigSectionReader section, ref bool valid)
    {
        var node = section.Node("events");
        if (node is null)
        {
            return [.. NotificationChannelConfig.DefaultEvents];
        }

        if (node is not SequenceNode list)
        {
            section.Diagnostics.Error(node, $"'{section.Path}.events' must be a list of: {string.Join(", ", NotificationEventGroups.All)}");
            valid = false;
            return [];
        }

        var events = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is ScalarNode { IsNull: false } scalar && NotificationEventGroups.All.Contains(scalar.Value, StringComparer.Ordinal))
            {
                events.Add(scalar.Value);
                continue;
            }

            var text = (item as ScalarNode)?.Value ?? item.Kind;
            section.Diagnostics.Error(item, $"'{section.Path}.events' has '{text}', which is not one of {string.Join(", ", NotificationEventGroups.All)}{Validation.Suggestions.Hint(text, NotificationEventGroups.All)}");
            valid = false;
        }

        return [.. events.Distinct(StringComparer.Ordinal)];
    }

    private static string? EnvName(ConfigSectionReader section, string key, ref bool valid)
    {
        var name = section.String(key);
        if (name is not null && !EnvironmentVariable().IsMatch(name))
        {
            section.Error(key, $"'{section.Path}.{key}' names an environment variable of the server (such as FATHOM_HOOK_SECRET), not '{name}'; the secret itself never goes in fathom.yaml");
            valid = false;
            return null;
        }

        return name;
    }

    private static bool LooksLikeAddress(string text) => text.IndexOf('@', StringComparison.Ordinal) is > 0 && !text.EndsWith('@') && !text.Any(char.IsWhiteSpace);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ChannelName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex EnvironmentVariable();
}
