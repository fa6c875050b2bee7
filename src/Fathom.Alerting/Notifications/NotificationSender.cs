using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Fathom.Apps.Config;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Fathom.Alerting.Notifications;

/// <summary>Sends one delivery once, through the outbound allowlist; throws with a one-line reason when it did not
/// arrive (refused, unreachable, a non-2xx answer, an SMTP error).</summary>
public sealed class NotificationSender : IDisposable
{
    private readonly OutboundAllowlist _allowlist;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public NotificationSender(OutboundAllowlist allowlist, TimeProvider time, TimeSpan timeout)
    {
        _allowlist = allowlist;
        _time = time;
        _timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Every connection goes through the allowlist with the address actually dialled; redirects are not followed,
            // so a target cannot bounce the request somewhere it may not go.
            ConnectCallback = async (context, cancellationToken) =>
                new NetworkStream(await _allowlist.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false), ownsSocket: true),
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        { Timeout = timeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Fathom-Notifications", "1"));
    }

    public async Task SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        var e = System.Text.Json.JsonSerializer.Deserialize(delivery.EventJson, NotificationJson.Default.PlatformEvent)!;
        var message = NotificationMessage.From(e);
        var target = delivery.Target;
        switch (target.Kind)
        {
            case DeliveryTargetKind.Webhook:
                await PostAsync(target.Channel!.Url!, NotificationPayloads.Webhook(delivery, message), (request, json) => Sign(request, json, delivery, target.Channel), cancellationToken).ConfigureAwait(false);
                break;
            case DeliveryTargetKind.Slack:
                await PostAsync(target.Channel!.Url!, NotificationPayloads.Slack(message), null, cancellationToken).ConfigureAwait(false);
                break;
            case DeliveryTargetKind.Alertmanager:
                await PostAsync(new Uri(target.Channel!.Url!, target.Channel.Url!.AbsolutePath.TrimEnd('/') + "/api/v2/alerts"),
                    NotificationPayloads.Alertmanager(message), null, cancellationToken).ConfigureAwait(false);
                break;
            case DeliveryTargetKind.Email:
                await MailAsync(target.Channel!, target.Channel!.To, message.Title, EmailBody(message), cancellationToken).ConfigureAwait(false);
                break;
            case DeliveryTargetKind.SnsHttp:
                var body = SnsNotification.Envelope(delivery, message, out var messageId);
                if (!Uri.TryCreate(target.Endpoint, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    throw new InvalidOperationException($"the subscription endpoint '{target.Endpoint}' is not an http(s) URL");
                }

                await PostAsync(url, body, (request, _) =>
                {
                    // The headers SNS sends with every HTTP delivery; receivers route on them.
                    request.Headers.Add("x-amz-sns-message-type", "Notification");
                    request.Headers.Add("x-amz-sns-message-id", messageId);
                    request.Headers.Add("x-amz-sns-topic-arn", target.TopicArn);
                    request.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "UTF-8" };
                }, cancellationToken).ConfigureAwait(false);
                break;
            case DeliveryTargetKind.SnsEmail:
                if (target.Channel is null)
                {
                    throw new InvalidOperationException("an SNS email subscription is sent through the app's email channel, and fathom.yaml has none");
                }

                var subject = SnsNotification.Subject(message, target.TopicArn ?? "");
                var text = target.Protocol == "email-json"
                    ? SnsNotification.Envelope(delivery, message, out _)
                    : $"{message.Title}\n\n{message.Text}\n\n{SnsNotification.CloudWatchMessage(message, target.TopicArn ?? "")}";
                await MailAsync(target.Channel, [target.Endpoint!], subject, text, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The signature headers: <c>X-Fathom-Timestamp</c> (Unix seconds) and
    /// <c>X-Fathom-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))</c>.</summary>
    internal static (string Timestamp, string Signature) Signature(string secret, DateTimeOffset now, string body)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return (timestamp, "sha256=" + Convert.ToHexStringLower(mac));
    }

    private void Sign(HttpRequestMessage request, string body, NotificationDelivery delivery, NotificationChannelConfig channel)
    {
        request.Headers.Add("X-Fathom-Event", delivery.EventKind);
        request.Headers.Add("X-Fathom-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (channel.SecretEnv is not { } name)
        {
            return;
        }

        var secret = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"the signing secret's environment variable {name} is not set on the server");
        }

        var (timestamp, signature) = Signature(secret, _time.GetUtcNow(), body);
        request.Headers.Add("X-Fathom-Timestamp", timestamp);
        request.Headers.Add("X-Fathom-Signature", signature);
    }

    private async Task PostAsync(Uri url, string json, Action<HttpRequestMessage, string>? decorate, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        decorate?.Invoke(request, json);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is OutboundRefusedException refused)
        {
            throw refused;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{url.Host}:{url.Port} did not answer within {_timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                text = text.ReplaceLineEndings(" ").Trim();
                throw new HttpRequestException($"{url.Host}:{url.Port} answered {(int)response.StatusCode}{(text.Length == 0 ? "" : ": " + (text.Length > 200 ? text[..200] + "…" : text))}");
            }
        }
    }

    private async Task MailAsync(NotificationChannelConfig channel, IEnumerable<string> to, string subject, string text, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(channel.From!));
        foreach (var address in to)
        {
            mail.To.Add(MailboxAddress.Parse(address));
        }

        mail.Subject = subject;
        mail.Body = new TextPart("plain") { Text = text };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var smtp = new SmtpClient();
        var socket = await _allowlist.ConnectAsync(channel.SmtpHost!, channel.SmtpPort, timeout.Token).ConfigureAwait(false);
        try
        {
            await smtp.ConnectAsync(socket, channel.SmtpHost!, channel.SmtpPort,
                channel.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, timeout.Token).ConfigureAwait(false);
            if (channel.UsernameEnv is { } userEnv && channel.PasswordEnv is { } passwordEnv)
            {
                var user = Environment.GetEnvironmentVariable(userEnv);
                var password = Environment.GetEnvironmentVariable(passwordEnv);
                if (string.IsNullOrEmpty(user) || password is null)
                {
                    throw new InvalidOperationException($"the SMTP login's environment variables {userEnv} / {passwordEnv} are not set on the server");
                }

                await smtp.AuthenticateAsync(user, password, timeout.Token).ConfigureAwait(false);
            }

            await smtp.SendAsync(mail, timeout.Token).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or SslHandshakeException or AuthenticationException or SocketException)
        {
            throw new IOException($"{channel.SmtpHost}:{channel.SmtpPort}: {e.Message}", e);
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static string EmailBody(NotificationMessage message)
    {
        var e = message.Event;
        return $"{message.Title}\n\n{message.Text}\n\nApp: {e.App}\nEnvironment: {e.Environment}\n{(e.Function is null ? "" : $"Function: {e.Function}\n")}Time: {NotificationPayloads.Iso(e.Time)}\nEvent: {e.Kind} #{e.Id}\n";
    }
}
