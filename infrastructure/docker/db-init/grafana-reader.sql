-- The dashboards' login: read-only, created once when the database volume is initialised (before any migration runs).
--
-- Why pg_read_all_data and not the schema's trading_reader role: trading_reader is created by migration 0005, which
-- runs later (the `migrate` service), and it may read the v_paper_* views only, while the dashboard also reads
-- `accounts` (the account picker) and `trading_decisions` (the decision funnel). pg_read_all_data (PostgreSQL 14+)
-- gives SELECT on every table and view, including ones later migrations add, and no write of any kind;
-- default_transaction_read_only is a second guard against a query typed into Grafana's editor.
--
-- psql variables (set by 10-grafana-reader.sh): reader_role, reader_password.
CREATE ROLE :"reader_role" LOGIN PASSWORD :'reader_password' CONNECTION LIMIT 20;
GRANT pg_read_all_data TO :"reader_role";
ALTER ROLE :"reader_role" SET default_transaction_read_only = on;
ALTER ROLE :"reader_role" SET statement_timeout = '30s';
