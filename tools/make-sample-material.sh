#!/bin/sh
# Regenerates the sample crypto material shipped in config/ (like Fabric's sampleconfig): an MSP for
# "SampleOrg" (config/msp) whose peer identity is also its own admin, so the peer CLI works against a
# peer started from the distribution's defaults, and a TLS CA with a server certificate for
# localhost (config/tls) for trying TLS. Sample material only: never use it in a real network.
set -eu
cd "$(dirname "$0")/../config"
days=7300
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# MSP: CA, peer signing identity (admin by admincerts)
rm -rf msp tls && mkdir -p msp/cacerts msp/signcerts msp/keystore msp/admincerts msp/tlscacerts tls
ec "$tmp/ca.key"
openssl req -new -x509 -key "$tmp/ca.key" -sha256 -days $days -out msp/cacerts/cacert.pem \
  -subj "/C=US/ST=California/L=San Francisco/O=sampleorg.example.com/CN=ca.sampleorg.example.com" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,digitalSignature,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash"
ec msp/keystore/priv_sk
openssl req -new -key msp/keystore/priv_sk -out "$tmp/peer.csr" -subj "/C=US/ST=California/L=San Francisco/CN=peer0.sampleorg.example.com"
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nauthorityKeyIdentifier=keyid\n' > "$tmp/leaf.ext"
openssl x509 -req -in "$tmp/peer.csr" -CA msp/cacerts/cacert.pem -CAkey "$tmp/ca.key" -CAcreateserial -sha256 -days $days \
  -extfile "$tmp/leaf.ext" -out msp/signcerts/peer.pem
cp msp/signcerts/peer.pem msp/admincerts/admincert.pem
cat > msp/config.yaml <<'YAML'
# Sample MSP: NodeOUs off; the peer's own certificate is listed in admincerts, so the peer CLI
# run with this MSP is an admin of the peer (as with Fabric's sampleconfig).
NodeOUs:
  Enable: false
YAML

# TLS: a CA and a server certificate for localhost / 127.0.0.1
ec "$tmp/tlsca.key"
openssl req -new -x509 -key "$tmp/tlsca.key" -sha256 -days $days -out tls/ca.crt \
  -subj "/C=US/ST=California/L=San Francisco/O=sampleorg.example.com/CN=tlsca.sampleorg.example.com" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,digitalSignature,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash"
cp tls/ca.crt msp/tlscacerts/tlsca.pem
ec tls/server.key
openssl req -new -key tls/server.key -out "$tmp/server.csr" -subj "/C=US/ST=California/L=San Francisco/CN=peer0.sampleorg.example.com"
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,DNS:peer0.sampleorg.example.com,IP:127.0.0.1\nauthorityKeyIdentifier=keyid\n' > "$tmp/server.ext"
openssl x509 -req -in "$tmp/server.csr" -CA tls/ca.crt -CAkey "$tmp/tlsca.key" -CAcreateserial -sha256 -days $days \
  -extfile "$tmp/server.ext" -out tls/server.crt
rm -f msp/cacerts/*.srl tls/*.srl
echo "sample material written to $(pwd)/msp and $(pwd)/tls"
