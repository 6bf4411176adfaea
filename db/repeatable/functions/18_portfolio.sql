-- The seed's read functions: a position's P&L and an account's portfolio value.

-- Unrealised P&L of a position at a price (gross, before fees). p_side is 'long' or 'short'.
CREATE OR REPLACE FUNCTION calculate_position_pnl(p_side text, p_quantity numeric, p_entry_price numeric, p_current_price numeric)
    RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
    SELECT CASE p_side
               WHEN 'long' THEN p_quantity * (p_current_price - p_entry_price)
               WHEN 'short' THEN p_quantity * (p_entry_price - p_current_price)
           END
$$;
REVOKE ALL ON FUNCTION calculate_position_pnl(text,numeric,numeric,numeric) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION calculate_position_pnl(text,numeric,numeric,numeric) TO PUBLIC, trading_agent, trading_orchestrator, trading_reader;

-- The seed called get_portfolio_value() with no argument; the default account keeps that call working. PL/pgSQL, not
-- parameterised LANGUAGE sql (Citus cannot plan those).
CREATE OR REPLACE FUNCTION get_portfolio_value(p_account text DEFAULT 'default')
    RETURNS TABLE (account text, cash numeric, positions_value numeric, total_value numeric, unrealized_pnl numeric,
                   realized_pnl numeric, total_pnl numeric, total_pnl_pct numeric, num_positions bigint)
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    RETURN QUERY
    SELECT o.account, o.cash, o.positions_value, o.total_value, o.unrealized_pnl,
           o.realized_pnl, o.total_pnl, o.total_pnl_pct, o.num_positions
    FROM v_paper_portfolio_overview o
    WHERE o.account = p_account;
END;
$$;
REVOKE ALL ON FUNCTION get_portfolio_value(text) FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT EXECUTE ON FUNCTION get_portfolio_value(text) TO PUBLIC, trading_agent, trading_orchestrator, trading_reader;
