# SYNTAX TEST "source.dockerfile" "isolation terms and flags in comments and RUN lines"
# Each step runs in its own pid namespace under a cgroup v2 limit.
#                           ^^^^^^^^^^^^^ comment.line.number-sign.dockerfile support.type.isolation.dockerfile
#                                                 ^^^^^^^^^ support.type.isolation.dockerfile
# ^^^^^^^^^ - support.type.isolation.dockerfile
#                                                           ^^^^^ - support.type.isolation.dockerfile
# A container is not a VM; rootless Podman uses a user namespace, seccomp and CAP_NET_RAW.
#   ^^^^^^^^^ - support.type.isolation.dockerfile
#                      ^^ support.type.isolation.dockerfile
#                          ^^^^^^^^^^^^^^^ support.type.isolation.dockerfile
#                                                 ^^^^^^^^^^^^^^ support.type.isolation.dockerfile
#                                                                 ^^^^^^^ support.type.isolation.dockerfile
#                                                                             ^^^^^^^^^^^ support.type.isolation.dockerfile
#                ^^^^^ - support.type.isolation.dockerfile
# a vm in lower case is not the acronym
#   ^^ - support.type.isolation.dockerfile
FROM alpine:3.20 AS build
# <---- keyword.other.special-method.dockerfile
#                ^^ keyword.other.special-method.dockerfile
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked \
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#   ^^^^^^^ meta.instruction.run.dockerfile variable.parameter.flag.isolation.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^ variable.other.mount-option.dockerfile
#                ^^^^^ constant.language.isolation.dockerfile
#                      ^^^^^^ variable.other.mount-option.dockerfile
#                                            ^^^^^^^ variable.other.mount-option.dockerfile
#                             ^^^^^^^^^^^^^^ - variable.other.mount-option.dockerfile
    --mount=type=secret,id=token,required=true \
#   ^^^^^^^ meta.instruction.run.dockerfile variable.parameter.flag.isolation.dockerfile
#                ^^^^^^ constant.language.isolation.dockerfile
#                       ^^ variable.other.mount-option.dockerfile
#                                ^^^^^^^^ variable.other.mount-option.dockerfile
    --network=none \
#   ^^^^^^^^^ meta.instruction.run.dockerfile variable.parameter.flag.isolation.dockerfile
#             ^^^^ constant.language.isolation.dockerfile
#             ^^^^ - constant.language.isolation.relaxed.dockerfile
    # a comment in the continuation: seccomp
#                                    ^^^^^^^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile support.type.isolation.dockerfile
    apk add runc crun && echo "gVisor is runsc" && cat /sys/fs/cgroup/memory.max
#   ^^^ meta.instruction.run.dockerfile
#   ^^^ - support.type.isolation.dockerfile
#           ^^^^ meta.instruction.run.dockerfile support.type.isolation.dockerfile
#                ^^^^ support.type.isolation.dockerfile
#                              ^^^^^^ string.quoted.double.dockerfile support.type.isolation.dockerfile
#                                        ^^^^^ support.type.isolation.dockerfile
#                                                      ^^^^^^^^^^^^^^ support.type.isolation.dockerfile
#                                                                     ^^^^^^^^^^ support.type.isolation.dockerfile
USER nobody
# <---- keyword.other.special-method.dockerfile
# <---- - meta.instruction.run.dockerfile
RUN --security=insecure --network=host capsh --print | grep CAP_SYS_ADMIN
#   ^^^^^^^^^^ variable.parameter.flag.isolation.dockerfile
#              ^^^^^^^^ constant.language.isolation.relaxed.dockerfile
#                       ^^^^^^^^^ variable.parameter.flag.isolation.dockerfile
#                                 ^^^^ constant.language.isolation.relaxed.dockerfile
#                                      ^^^^^ support.type.isolation.dockerfile
#                                            ^^^^^^^ - support.type.isolation.dockerfile
#                                                           ^^^^^^^^^^^^^ support.type.isolation.dockerfile
RUN apt-get install -y docker-ce containerd.io kata-containers
#                      ^^^^^^^^^ - support.type.isolation.dockerfile
#                                ^^^^^^^^^^ support.type.isolation.dockerfile
#           ^^^^^^^ - support.type.isolation.dockerfile
COPY --chown=65532:65532 --from=build /out /app
#    ^^^^^^^ variable.parameter.flag.isolation.dockerfile
#                        ^^^^^^ - variable.parameter.flag.isolation.dockerfile
onbuild run echo overlayfs
# <------- keyword.control.dockerfile
#       ^^^ keyword.other.special-method.dockerfile
#                ^^^^^^^^^ support.type.isolation.dockerfile
LABEL description="runc in a label is not coloured"
#                  ^^^^ - support.type.isolation.dockerfile
# <----- keyword.other.special-method.dockerfile
ENTRYPOINT ["runc"]
#            ^^^^ - support.type.isolation.dockerfile
RUN --device=nvidia.com/gpu=all --network=none nvidia-smi
#   ^^^^^^^^ variable.parameter.flag.isolation.dockerfile
#           ^ keyword.operator.assignment.dockerfile
