module github.com/go-autoupdate/selfupdate

go 1.22
