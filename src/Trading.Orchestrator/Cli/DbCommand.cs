using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Trading.Data.Embedded;
using Trading.Data.Migrations;
using Trading.Orchestrator.Hosting;

namespace Trading.Orchestrator.Cli;

/// <summary>
/// `trading db start|stop|url|psql`: the embedded PostgreSQL for people and SQL clients. Every other command starts
/// the embedded server for itself and stops it after, so psql would find nothing listening; these keep it up and say
/// exactly how to reach it (user, port, and a password file rather than a password on screen).
/// </summary>
public static class DbCommand
{
    public static Command Create(IConfiguration configuration, ILoggerFactory loggers)
    {
        var start = new Command("start", "Start the embedded PostgreSQL (applying migrations) and leave it running; prints how to connect.");
        start.SetAction((parse, token) => WithServerAsync(parse, configuration, loggers, migrate: true, async (address, _) =>
        {
            Print(parse, address, $"running: {address.Url}\npsql:    psql \"{address.Url}\"   (or `trading db psql`)");
            return await Task.FromResult(ExitCodes.Success);
        }, token));

        var url = new Command("url", "Print a libpq URL of the database (the embedded server is started and left running).");
        url.SetAction((parse, token) => WithServerAsync(parse, configuration, loggers, migrate: false, async (address, _) =>
        {
            Print(parse, address, address.Url);
            return await Task.FromResult(ExitCodes.Success);
        }, token));

        var psqlArguments = new Argument<string[]>("psql-arguments") { Description = "Passed to psql (after --).", Arity = ArgumentArity.ZeroOrMore };
        var psql = new Command("psql", "Open psql on the database (the embedded server is started and left running).") { psqlArguments };
        psql.SetAction((parse, token) => WithServerAsync(parse, configuration, loggers, migrate: false,
            (address, t) => RunPsqlAsync(address, parse.GetValue(psqlArguments) ?? [], t), token));

        var stop = new Command("stop", "Stop the embedded PostgreSQL (its data stays; the next command starts it again).");
        stop.SetAction(async (parse, token) =>
        {
            var options = CommonOptions.DatabaseOptions(parse, configuration);
            if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return CliOutput.Error("db stop", "a connection string is configured: that server is not the embedded one and is not stopped here.", ExitCodes.BadArguments);
            }

            var stopped = await EmbeddedPostgres.StopAsync(Embedded(options), loggers.CreateLogger<EmbeddedPostgres>(), token);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new { stopped });
            }
            else
            {
                Console.WriteLine(stopped ? "stopped the embedded PostgreSQL" : "the embedded PostgreSQL was not running");
            }

            return ExitCodes.Success;
        });

        return new Command("db", "The database: start, stop, url and psql for the embedded PostgreSQL (url and psql work on a configured one too).")
        {
            start, stop, url, psql,
        };
    }

    private static EmbeddedPostgresOptions Embedded(DatabaseOptions options) =>
        new() { Directory = options.EmbeddedDirectory, BinDirectory = options.EmbeddedBinDirectory };

    private static async Task<int> WithServerAsync(
        ParseResult parse, IConfiguration configuration, ILoggerFactory loggers, bool migrate,
        Func<Address, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        await using var database = await Database.OpenAsync(CommonOptions.DatabaseOptions(parse, configuration), loggers, cancellationToken);
        database.Embedded?.KeepRunning();
        if (migrate)
        {
            await new Migrator(database.DataSource, loggers.CreateLogger<Migrator>()).MigrateAsync(cancellationToken);
        }

        var passFile = database.Embedded is { } server ? await server.WritePassFileAsync(cancellationToken) : null;
        return await action(Address.Of(database.ConnectionString, passFile), cancellationToken);
    }

    private static void Print(ParseResult parse, Address address, string text)
    {
        if (parse.GetValue(CommonOptions.Json))
        {
            CliOutput.Json(new { url = address.Url, host = address.Host, port = address.Port, user = address.User, database = address.Database, passfile = address.PassFile });
        }
        else
        {
            Console.WriteLine(text);
        }
    }

    private static async Task<int> RunPsqlAsync(Address address, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("psql") { UseShellExecute = false };
        start.ArgumentList.Add(address.Url);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (address.Password is { } password)
        {
            // A configured string's password goes by the environment, never onto psql's command line (visible in ps).
            start.Environment["PGPASSWORD"] = password;
        }

        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        catch (Win32Exception)
        {
            return CliOutput.Error("db psql", $"psql is not installed (Debian: sudo apt-get install postgresql-client). Connect any client to {address.Url}", CliExitCodes.ToolMissing);
        }
    }

    private sealed record Address(string Host, int Port, string User, string Database, string? PassFile, string? Password)
    {
        public string Url
        {
            get
            {
                var url = $"postgresql://{Uri.EscapeDataString(User)}@{Host}:{Port}/{Uri.EscapeDataString(Database)}";
                return PassFile is null ? url : $"{url}?passfile={Uri.EscapeDataString(PassFile).Replace("%2F", "/", StringComparison.Ordinal)}";
            }
        }

        public static Address Of(string connectionString, string? passFile)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return new Address(builder.Host ?? "localhost", builder.Port, builder.Username ?? Environment.UserName, builder.Database ?? "postgres",
                passFile ?? builder.Passfile, passFile is null ? builder.Password : null);
        }
    }
}
