using Trading.Orchestrator.Cli;

namespace Trading.Orchestrator.Tests.Cli;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("alpha", "alpha")]
    [InlineData("", "")]
    [InlineData("\u001b]0;pwned\u0007\u001b[2J", "\\x1B]0;pwned\\x07\\x1B[2J")]
    [InlineData("line\nforged\r", "line\\x0Aforged\\x0D")]
    [InlineData("tab\there", "tab\\x09here")]
    [InlineData("\u009b31m", "\\x9B31m")] // C1 CSI: a one-byte escape sequence on some terminals
    [InlineData("\u007f", "\\x7F")]
    [InlineData("a\u202Eb\u2066c\u200Fd\u061C", "a\\u202Eb\\u2066c\\u200Fd\\u061C")]
    [InlineData("BTC/USDT 🤖 résumé 中文", "BTC/USDT 🤖 résumé 中文")]
    public void Clean_Text_ControlsEscapedOthersKept(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Clean(text));
    }

    [Fact]
    public void Clean_Null_Empty()
    {
        Assert.Equal(string.Empty, TerminalText.Clean(null));
    }
}
