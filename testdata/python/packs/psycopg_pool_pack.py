# psycopg_pool: a ConnectionPool per request.
from flask import Flask
from psycopg_pool import ConnectionPool

app = Flask(__name__)
pool = ConnectionPool("postgresql://db/app", max_size=20)


@app.route("/items")
def items():
    # expect: client-per-request
    p = ConnectionPool("postgresql://db/app")
    try:
        with p.connection() as conn:
            return str(conn.execute("select 1").fetchone())
    finally:
        p.close()


# Negative: the module-scope pool.
@app.route("/shared")
def shared():
    with pool.connection() as conn:
        return str(conn.execute("select 1").fetchone())


def nightly():
    # expect: pool-size-too-large
    p = ConnectionPool("postgresql://db/app", max_size=400)
    with p.connection() as conn:
        conn.execute("vacuum")
    # expect: close-not-in-finally
    p.close()
