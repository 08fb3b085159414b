# Installs a released circlekit binary on Windows: downloads circlekit-x86_64-pc-windows-msvc.zip,
# checks its SHA-256 against the .sha256 file published beside it, puts circlekit.exe in a
# folder and adds that folder to the user's PATH.
#
#   powershell -ExecutionPolicy Bypass -c "irm https://raw.githubusercontent.com/circlekit/circlekit/main/scripts/install.ps1 | iex"
#   .\install.ps1 -Version 0.2.0 -To C:\tools
#   .\install.ps1 -From .\dist          (archives in a local folder, or a file:// or https:// URL)
#
# Parameters, or the environment variables in brackets:
#   -Version V   a released version [CIRCLEKIT_VERSION]; default: the latest
#   -To DIR      where to put circlekit.exe [CIRCLEKIT_INSTALL_DIR]; default: %LOCALAPPDATA%\circlekit\bin
#   -From SRC    a folder or URL holding the zip and its .sha256 [CIRCLEKIT_INSTALL_URL]
param(
    [string]$Version = $(if ($env:CIRCLEKIT_VERSION) { $env:CIRCLEKIT_VERSION } else { "latest" }),
    [string]$To = $(if ($env:CIRCLEKIT_INSTALL_DIR) { $env:CIRCLEKIT_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA "circlekit\bin" }),
    [string]$From = $env:CIRCLEKIT_INSTALL_URL
)

$ErrorActionPreference = "Stop"
$RepoUrl = "https://github.com/circlekit/circlekit"

if (-not [Environment]::Is64BitOperatingSystem) {
    throw "circlekit-installer: no prebuilt circlekit for 32-bit Windows; install it with: cargo install circlekit"
}
$Target = "x86_64-pc-windows-msvc"
$Archive = "circlekit-$Target.zip"

if (-not $From) {
    if ($Version -eq "latest") {
        $From = "$RepoUrl/releases/latest/download"
    } else {
        $From = "$RepoUrl/releases/download/v$($Version.TrimStart('v'))"
    }
}
$From = $From.TrimEnd('/', '\')

function Get-Source([string]$Source, [string]$Dest) {
    if ($Source -match '^https?://') {
        Invoke-WebRequest -UseBasicParsing -Uri $Source -OutFile $Dest
    } elseif ($Source -match '^file://') {
        Copy-Item -LiteralPath ([Uri]$Source).LocalPath -Destination $Dest
    } else {
        Copy-Item -LiteralPath $Source -Destination $Dest
    }
}

$Tmp = Join-Path ([IO.Path]::GetTempPath()) ("circlekit-" + [Guid]::NewGuid())
New-Item -ItemType Directory -Path $Tmp | Out-Null
try {
    Write-Host "circlekit-installer: downloading $From/$Archive"
    $Zip = Join-Path $Tmp $Archive
    Get-Source "$From/$Archive" $Zip
    Get-Source "$From/$Archive.sha256" "$Zip.sha256"
    $Expected = ((Get-Content -LiteralPath "$Zip.sha256" -Raw).Trim() -split '\s+')[0].ToLower()
    $Actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $Zip).Hash.ToLower()
    if ($Expected -ne $Actual) {
        throw "circlekit-installer: checksum mismatch for ${Archive}: expected $Expected, got $Actual (an incomplete or altered download)"
    }
    $Unpacked = Join-Path $Tmp "unpacked"
    Expand-Archive -LiteralPath $Zip -DestinationPath $Unpacked -Force
    $Exe = Get-ChildItem -LiteralPath $Unpacked -Recurse -Filter "circlekit.exe" | Select-Object -First 1
    if (-not $Exe) { throw "circlekit-installer: $Archive holds no circlekit.exe" }
    New-Item -ItemType Directory -Force -Path $To | Out-Null
    Copy-Item -LiteralPath $Exe.FullName -Destination (Join-Path $To "circlekit.exe") -Force
} finally {
    Remove-Item -Recurse -Force -LiteralPath $Tmp -ErrorAction SilentlyContinue
}

$Installed = Join-Path $To "circlekit.exe"
Write-Host "circlekit-installer: installed $(& $Installed --version) to $Installed"
$UserPath = [Environment]::GetEnvironmentVariable("Path", "User")
if (-not (($UserPath -split ';') -contains $To)) {
    [Environment]::SetEnvironmentVariable("Path", "$To;$UserPath", "User")
    Write-Host "circlekit-installer: added $To to your PATH; open a new terminal to use circlekit"
}
