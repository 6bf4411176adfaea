using Trading.Engine.Orders;

namespace Trading.Engine.Tests.Orders;

public class OrderStatusTransitionsTests
{
    [Theory]
    [InlineData(OrderStatus.New, OrderStatus.Open)]
    [InlineData(OrderStatus.New, OrderStatus.Filled)]
    [InlineData(OrderStatus.New, OrderStatus.Rejected)]
    [InlineData(OrderStatus.Open, OrderStatus.PartiallyFilled)]
    [InlineData(OrderStatus.Open, OrderStatus.Canceled)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Filled)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Expired)]
    public void IsAllowed_ListedTransition_True(OrderStatus from, OrderStatus to)
    {
        Assert.True(OrderStatusTransitions.IsAllowed(from, to));
        OrderStatusTransitions.Ensure(from, to);
    }

    [Theory]
    [InlineData(OrderStatus.Open, OrderStatus.New)]
    [InlineData(OrderStatus.Open, OrderStatus.Rejected)]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.Open)]
    [InlineData(OrderStatus.New, OrderStatus.New)]
    public void IsAllowed_UnlistedTransition_False(OrderStatus from, OrderStatus to)
    {
        Assert.False(OrderStatusTransitions.IsAllowed(from, to));
    }

    [Theory]
    [InlineData(OrderStatus.Filled)]
    [InlineData(OrderStatus.Canceled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void IsAllowed_FromTerminal_NothingAllowed(OrderStatus terminal)
    {
        Assert.All(Enum.GetValues<OrderStatus>(), to => Assert.False(OrderStatusTransitions.IsAllowed(terminal, to)));
    }

    [Fact]
    public void Ensure_Refused_ThrowsNamingBothStates()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => OrderStatusTransitions.Ensure(OrderStatus.Filled, OrderStatus.Canceled));

        Assert.Contains("Filled", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Canceled", ex.Message, StringComparison.Ordinal);
    }
}
