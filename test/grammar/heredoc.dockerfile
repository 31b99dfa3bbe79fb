# SYNTAX TEST "source.dockerfile" "here-documents: bodies are not instructions"
FROM debian:12
# <---- keyword.other.special-method.dockerfile
RUN <<EOF
# <--- keyword.other.special-method.dockerfile
#   ^^ keyword.operator.heredoc.dockerfile
#     ^^^ string.unquoted.heredoc.delimiter.dockerfile
set -eux
# <--- string.unquoted.heredoc.dockerfile
USER=nobody containerd --version
# <---- string.unquoted.heredoc.dockerfile
# <---- - keyword.other.special-method.dockerfile
#           ^^^^^^^^^^ string.unquoted.heredoc.dockerfile support.type.isolation.dockerfile
FROM is not an instruction here
# <---- - keyword.other.special-method.dockerfile
# <---- string.unquoted.heredoc.dockerfile
EOF
# <--- string.unquoted.heredoc.delimiter.dockerfile
USER app
# <---- keyword.other.special-method.dockerfile
# <---- - string.unquoted.heredoc.dockerfile
RUN cat > /etc/a.conf <<CONF && echo runc
#                     ^^ keyword.operator.heredoc.dockerfile
#                                    ^^^^ support.type.isolation.dockerfile
mode = rootless
#      ^^^^^^^^ string.unquoted.heredoc.dockerfile support.type.isolation.dockerfile
CONF
# <---- string.unquoted.heredoc.delimiter.dockerfile
COPY <<-"SCRIPT" /usr/local/bin/run.sh
# <---- keyword.other.special-method.dockerfile
#    ^^^ keyword.operator.heredoc.dockerfile
#        ^^^^^^ string.unquoted.heredoc.delimiter.dockerfile
	exec unshare --user --map-root-user "$@"
#     ^^^^^^^ string.unquoted.heredoc.dockerfile support.type.isolation.dockerfile
	SCRIPT
#^^^^^^ string.unquoted.heredoc.delimiter.dockerfile
ENV A=b
# <--- keyword.other.special-method.dockerfile
