using Trading.Engine.Execution;
using Trading.Engine.Orders.Resting;
using Trading.Engine.Positions;

namespace Trading.Data.Execution.Writing;

// The row shapes BatchTables declares its columns over: a journal record and what the database adds to it (real ids,
// the account). Each is built in BatchRows and read only through the declarations.

/// <summary>A new order with its real id and its OCO group's real id.</summary>
internal readonly record struct NewOrderRow(long Id, string Account, int Epoch, long? OcoGroup, RestingOrder Order);

/// <summary>A loaded working order in its new state, and the filled quantity it was loaded with (the update's guard).</summary>
internal readonly record struct OrderUpdateRow(RestingOrder Order, decimal WasFilled);

internal readonly record struct MarkRow(string Account, string Symbol, DateTimeOffset Through);

/// <summary>A fill with its real ids and its account.</summary>
internal readonly record struct FillRow(ClaimedAccount Account, ExecutedFill Executed, long OrderId, long FillId);

internal readonly record struct LedgerRow(string Account, int Epoch, LedgerEntry Entry, long OrderId, long FillId);

internal readonly record struct TradeRow(string Account, int Epoch, ClosedTrade Trade, ExecutedFill Executed, long OrderId);

internal readonly record struct PositionKey(string Account, string Symbol);

internal readonly record struct PositionRow(string Account, Position Position);

internal readonly record struct CashRow(string Account, BatchResult Result);

internal readonly record struct OutcomeRow(DecisionOutcome Outcome, long? OrderId);
