using Npgsql;
using Trading.Testing;

namespace Trading.Orchestrator.Tests.Cli;

/// <summary>
/// A command that fails says so in one line with a stable exit code (the trace only behind --verbose), and a password can
/// reach the program without appearing on its command line.
/// </summary>
public sealed class ErrorMessageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Status_UnknownDatabase_OneLineAndDatabaseUnavailable()
    {
        var connection = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Database = "no_such_db" }.ConnectionString;

        var (exit, output) = await CliRun.RunAsync(connection, "status");

        Assert.Equal(3, exit);
        Assert.Equal("trading: cannot use the database: database \"no_such_db\" does not exist (SQLSTATE 3D000)", output.Trim());
    }

    [Fact]
    public async Task Status_UnknownDatabaseVerbose_TraceFollows()
    {
        var connection = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Database = "no_such_db" }.ConnectionString;

        var (exit, output) = await CliRun.RunAsync(connection, "status", "--verbose");

        Assert.Equal(3, exit);
        Assert.StartsWith("trading: cannot use the database: database \"no_such_db\" does not exist", output, StringComparison.Ordinal);
        Assert.Contains("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not a connection string")]
    [InlineData("Host=127.0.0.1;Port=seventy")]
    [InlineData("Host=127.0.0.1;Colour=blue")]
    public async Task Status_MalformedConnectionString_OneLineBadArguments(string connection)
    {
        var (exit, output) = await CliRun.RunAsync(connection, "status");

        Assert.True(exit == 2, output);
        Assert.StartsWith("trading: invalid connection string: ", output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Status_WrongPassword_OneLineWithoutThePassword()
    {
        var connection = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Password = "wrong-secret-42" }.ConnectionString;

        var (exit, output) = await CliRun.RunAsync(connection, "status");

        Assert.True(exit == 3, output);
        Assert.StartsWith("trading: cannot use the database: password authentication failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-42", output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Status_PasswordFromPgPassword_Connects()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString);
        var password = builder.Password!;
        builder.Password = null;

        var (exit, output) = await CliRun.RunAsync(builder.ConnectionString, new Dictionary<string, string> { ["PGPASSWORD"] = password }, "status");

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Status_PasswordFromPasswordFile_Connects()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, $"{builder.Host}:{builder.Port}:{builder.Database}:{builder.Username}:{builder.Password}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            builder.Password = null;
            builder.Passfile = file;

            var (exit, output) = await CliRun.RunAsync(builder.ConnectionString, "status");

            Assert.True(exit == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UnknownCommand_OneMessageNamingTheWord()
    {
        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decide", "BUY", "BTC/USDT", "--confidence", "high", "--confidence needs a number (like 0.75 or 1500), got 'high'.")]
    [InlineData("accounts", "deposit", "default", "lots", "", "the argument of `deposit` needs a number (like 0.75 or 1500), got 'lots'.")]
    public async Task NonNumericValue_SaysWhatIsExpectedWithoutATypeName(string a, string b, string c, string d, string e, string message)
    {
        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, [.. new[] { a, b, c, d, e }.Where(x => x.Length > 0)]);

        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbUrl_ConfiguredServer_UserHostPortWithoutPassword()
    {
        var builder = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString);

        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "db", "url");

        Assert.True(exit == 0, output);
        Assert.Contains($"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}", output, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(builder.Password) is false && output.Contains(builder.Password, StringComparison.Ordinal), "the password was printed");
    }

    [Fact]
    public async Task DbStop_ConfiguredServer_RefusedAndLeftRunning()
    {
        var (exit, output) = await CliRun.RunAsync(fixture.Database.ConnectionString, "db", "stop");

        Assert.Equal(2, exit);
        Assert.Contains("not the embedded one", output, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>("SELECT 1"));
    }
}
