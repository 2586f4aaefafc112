#!/bin/sh
# Image build step: the user "dev" (uid 1000) and a lived-in home with bait credentials.
# Every secret here is fake and says so; the pieces that look like real key formats are
# assembled at build time so that secret scanners do not flag this repository.
# The finished home is kept at /usr/share/gosnare/home: at run time launch.sh copies it into the
# tmpfs mounted on /home/dev (the root filesystem is read-only).
set -eu
SKEL=/usr/share/gosnare/home
if ! id dev >/dev/null 2>&1; then
  if command -v useradd >/dev/null 2>&1; then
    useradd -m -u 1000 -U -s /bin/bash -c "Dev" dev
  else
    echo "dev:x:1000:1000:Dev:/home/dev:/bin/bash" >>/etc/passwd
    echo "dev:x:1000:" >>/etc/group
    mkdir -p /home/dev
  fi
fi

mkdir -p "$SKEL/.ssh" "$SKEL/.aws" "$SKEL/.docker" "$SKEL/.kube" "$SKEL/.config/gh" \
  "$SKEL/go/src" "$SKEL/src/api-server" "$SKEL/.local/bin" "$SKEL/.cache"

BEGIN="-----BEGIN OPENSSH"; END="-----END OPENSSH"; KIND="PRIVATE KEY-----"
{
  echo "$BEGIN $KIND"
  echo "Z29zbmFyZS1iYWl0OiB0aGlzIGlzIG5vdCBhIHJlYWwga2V5LiBnb3NuYXJlLWJhaXQ6IHRoaXMg"
  echo "aXMgbm90IGEgcmVhbCBrZXkuIGdvc25hcmUtYmFpdDogdGhpcyBpcyBub3QgYSByZWFsIGtleS4K"
  echo "$END $KIND"
} >"$SKEL/.ssh/id_rsa"
echo "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDgosnarebaitnotarealkey dev@dev-laptop" >"$SKEL/.ssh/id_rsa.pub"
printf 'Host github.com\n  User git\n  IdentityFile ~/.ssh/id_rsa\n' >"$SKEL/.ssh/config"
echo "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl" >"$SKEL/.ssh/known_hosts"

AK="AKIA""GOSNAREBAIT7FAKE"
cat >"$SKEL/.aws/credentials" <<CRED
[default]
aws_access_key_id = $AK
aws_secret_access_key = gosnareBaitSecretKeyNotReal/0000000000000000
region = us-east-1
CRED
printf '[default]\nregion = us-east-1\noutput = json\n' >"$SKEL/.aws/config"

echo "machine github.com login dev password gosnare-bait-netrc-password" >"$SKEL/.netrc"
GHP="ghp""_gosnareBaitTokenNotReal000000000000"
echo "https://dev:$GHP@github.com" >"$SKEL/.git-credentials"
printf '[user]\n\tname = Dev\n\temail = dev@example.test\n[credential]\n\thelper = store\n' >"$SKEL/.gitconfig"
AUTH=$(printf 'dev:gosnare-bait-docker-password' | base64)
printf '{\n  "auths": {\n    "https://index.docker.io/v1/": { "auth": "%s" }\n  }\n}\n' "$AUTH" >"$SKEL/.docker/config.json"
echo "//registry.npmjs.org/:_authToken=npm""_gosnareBaitTokenNotReal0000000000" >"$SKEL/.npmrc"
printf 'github.com:\n    user: dev\n    oauth_token: %s\n    git_protocol: https\n' "$GHP" >"$SKEL/.config/gh/hosts.yml"
cat >"$SKEL/.kube/config" <<'KUBE'
apiVersion: v1
kind: Config
clusters:
- cluster: {server: "https://k8s.internal.example.test:6443"}
  name: prod
users:
- name: dev
  user: {token: gosnare-bait-kube-token-not-real}
contexts:
- context: {cluster: prod, user: dev}
  name: prod
current-context: prod
KUBE
printf 'cd src/api-server\ngit pull\ngo test ./...\nkubectl get pods\naws s3 ls\n' >"$SKEL/.bash_history"
printf '# ~/.bashrc\nexport PATH="$HOME/go/bin:$PATH"\nalias ll="ls -l"\n' >"$SKEL/.bashrc"
printf 'module example.test/api-server\n\ngo 1.22\n' >"$SKEL/src/api-server/go.mod"

chmod 700 "$SKEL/.ssh"
chmod 600 "$SKEL/.ssh/id_rsa" "$SKEL/.aws/credentials" "$SKEL/.netrc" "$SKEL/.git-credentials" "$SKEL/.docker/config.json" "$SKEL/.npmrc" "$SKEL/.kube/config"
chown -R 1000:1000 "$SKEL"
cp -a "$SKEL/." /home/dev/
chown -R 1000:1000 /home/dev
