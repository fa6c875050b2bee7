using Fathom.Telemetry.Errors;

namespace Fathom.Telemetry.Tests.Errors;

public sealed class ErrorFingerprintTests
{
    private static readonly string[] Stack = ["    at loadOrder (/var/task/src/app.js:3:9)", "    at async handler (/var/task/src/app.js:10:5)"];

    [Fact]
    public void Compute_SameFramesOnOtherLinesAndVersions_SameFingerprint()
    {
        var first = ErrorEvents.Of("TypeError", "order 1 missing", version: "1", stack: Stack);
        var moved = ErrorEvents.Of("TypeError", "order 2 missing", version: "7",
            stack: ["    at loadOrder (/var/task/src/app.js:30:1)", "    at async handler (/var/task/src/app.js:40:5)"]);

        ErrorFingerprint.Compute(moved).Should().Be(ErrorFingerprint.Compute(first));
    }

    [Fact]
    public void Compute_OtherTypeOrOtherInAppFunction_OtherFingerprint()
    {
        var baseline = ErrorFingerprint.Compute(ErrorEvents.Of("TypeError", "x", stack: Stack));

        ErrorFingerprint.Compute(ErrorEvents.Of("RangeError", "x", stack: Stack)).Should().NotBe(baseline);
        ErrorFingerprint.Compute(ErrorEvents.Of("TypeError", "x", stack: ["    at refund (/var/task/src/app.js:3:9)"])).Should().NotBe(baseline);
    }

    [Fact]
    public void Compute_OnlyLibraryFrames_GroupsByTypeAndNormalisedMessage()
    {
        string[] library = ["    at get (/var/task/node_modules/x/index.js:1:1)"];
        var a = ErrorEvents.Of("Error", "user 'bob' not found: id 42 (req 3f2a9c1e-1b2c-4d5e-8f90-123456789abc)", stack: library);
        var b = ErrorEvents.Of("Error", "user 'alice' not found: id 7 (req 00000000-1111-2222-3333-444444444444)", stack: library);
        var c = ErrorEvents.Of("Error", "quota exceeded", stack: library);

        ErrorFingerprint.Compute(a).Should().Be(ErrorFingerprint.Compute(b));
        ErrorFingerprint.Compute(c).Should().NotBe(ErrorFingerprint.Compute(a));
    }

    [Theory]
    [InlineData("order 123 failed", "order <n> failed")]
    [InlineData("bad pointer 0xdeadbeef", "bad pointer <hex>")]
    [InlineData("key \"abc\" and 'def' and `ghi`", "key <q> and <q> and <q>")]
    [InlineData("no row for user_42 or ord-9f2c", "no row for <id> or <id>")]
    [InlineData("trace 3f2a9c1e-1b2c-4d5e-8f90-123456789abc", "trace <uuid>")]
    public void NormaliseMessage_RemovesWhatVariesBetweenOccurrences(string message, string expected) =>
        ErrorFingerprint.NormaliseMessage(message).Should().Be(expected);

    [Fact]
    public void Compute_SdkFingerprint_WinsAndDefaultExpandsToTheComputedOne()
    {
        var plain = ErrorEvents.Of("TypeError", "x", stack: Stack);
        var custom = plain with { Fingerprint = ["payments"] };
        var extended = plain with { Fingerprint = ["{{ default }}", "tenant-a"] };
        var onlyDefault = plain with { Fingerprint = ["{{ default }}"] };

        ErrorFingerprint.Compute(custom).Should().Be(ErrorFingerprint.Compute(ErrorEvents.Of("RangeError", "y") with { Fingerprint = ["payments"] }));
        ErrorFingerprint.Compute(custom).Should().NotBe(ErrorFingerprint.Compute(plain));
        ErrorFingerprint.Compute(extended).Should().NotBe(ErrorFingerprint.Compute(plain));
        ErrorFingerprint.Compute(onlyDefault).Should().Be(ErrorFingerprint.Compute(plain));
    }
}
