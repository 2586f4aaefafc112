module github.com/jackc/pgxpool-v5

go 1.22
