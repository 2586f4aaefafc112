module github.com/acme-weather/weatherapi

go 1.22
