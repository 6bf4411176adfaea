using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Trading.Data.Client;

/// <summary>
/// For <c>dotnet ef dbcontext optimize</c> only (it builds the model; it never connects): from the repository root,
/// <c>dotnet ef dbcontext optimize -p src/Trading.Data -o Client/Compiled -n Trading.Data.Client.Compiled</c>.
/// </summary>
internal sealed class TradingDbContextDesignFactory : IDesignTimeDbContextFactory<TradingDbContext>
{
    public TradingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TradingDbContext>().UseNpgsql("Host=design-time-only").Options);
}
