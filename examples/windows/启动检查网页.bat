@echo off
rem Double-click: starts the fzcheck web page. The first run creates .venv in the project folder and
rem installs fzcheck with its web extra there; later runs start the page at once.
rem Saved as UTF-8 with CRLF line ends: chcp 65001 comes before the first line with Chinese text.
setlocal
rem "Active code page: 437" in English, "850." in some languages: the number alone.
for /f "tokens=2 delims=:." %%c in ('chcp') do set "FZCHECK_OLD_CP=%%c"
chcp 65001 >nul
cd /d "%~dp0..\.."
if not exist "pyproject.toml" (
  echo 找不到 fzcheck 文件夹：请不要把本文件单独复制出来，从 fzcheck 文件夹中的 examples\windows 里双击运行。
  goto fail
)
if exist ".venv\Scripts\fzcheck-web.exe" goto start
echo 第一次使用：正在准备运行环境并安装 fzcheck，需要几分钟，请稍候……
where py >nul 2>nul
if errorlevel 1 (
  python -m venv .venv
) else (
  py -3 -m venv .venv
)
if not exist ".venv\Scripts\python.exe" (
  echo 没有找到 Python：请先从 python.org 下载安装 Python 3.10 或更高版本，安装时勾选“Add python.exe to PATH”，然后再双击本文件。
  goto fail
)
".venv\Scripts\python.exe" -m pip install ".[web]"
if errorlevel 1 (
  echo 安装没有成功：请查看上面的提示；网络不通时请联系信息化部门。
  goto fail
)
:start
echo 正在启动检查网页，浏览器会自动打开。用完后关闭本窗口即可。
".venv\Scripts\fzcheck-web.exe" %*
if errorlevel 1 goto fail
goto done
:fail
echo.
pause
:done
if defined FZCHECK_OLD_CP chcp %FZCHECK_OLD_CP% >nul
endlocal
