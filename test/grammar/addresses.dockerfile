# SYNTAX TEST "source.dockerfile" "no isolation term coloured inside URLs, registry and module paths, git addresses"
# see https://github.com/moby/buildkit for BuildKit and runc
#                        ^^^^ - support.type.isolation.dockerfile
#                             ^^^^^^^^ - support.type.isolation.dockerfile
#                                          ^^^^^^^^ support.type.isolation.dockerfile
#                                                       ^^^^ support.type.isolation.dockerfile
FROM alpine
RUN curl -fsSL https://download.docker.com/linux/static/stable/x86_64/docker-27.tgz | tar xz && runc --version
#                               ^^^^^^ - support.type.isolation.dockerfile
#                                                                     ^^^^^^ - support.type.isolation.dockerfile
#                                                                                               ^^^^ support.type.isolation.dockerfile
RUN go install github.com/opencontainers/runc/cmd@latest && echo seccomp
#                                        ^^^^ - support.type.isolation.dockerfile
#                                                                ^^^^^^^ support.type.isolation.dockerfile
RUN git clone git@github.com:moby/moby.git /src && echo "see https://docs.docker.com/ on rootless"
#                            ^^^^ - support.type.isolation.dockerfile
#                                 ^^^^ - support.type.isolation.dockerfile
#                                                                         ^^^^^^ - support.type.isolation.dockerfile
#                                                                                        ^^^^^^^^ support.type.isolation.dockerfile
RUN <<EOF
wget https://github.com/containerd/containerd/releases and containerd
#                       ^^^^^^^^^^ - support.type.isolation.dockerfile
#                                  ^^^^^^^^^^ - support.type.isolation.dockerfile
#                                                          ^^^^^^^^^^ support.type.isolation.dockerfile
EOF
