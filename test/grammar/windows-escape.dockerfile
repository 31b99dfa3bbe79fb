# SYNTAX TEST "source.dockerfile" "backtick continuations (# escape=`)"
# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# <---- keyword.other.special-method.dockerfile
RUN Write-Host Docker `
# <--- meta.instruction.run.dockerfile keyword.other.special-method.dockerfile
#              ^^^^^^ support.type.isolation.dockerfile
    ; Write-Host hypervisor
#                ^^^^^^^^^^ meta.instruction.run.dockerfile support.type.isolation.dockerfile
USER ContainerUser
# <---- keyword.other.special-method.dockerfile
# <---- - meta.instruction.run.dockerfile
