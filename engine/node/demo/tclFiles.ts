/** The text files of the demo starkit: a small Tcl/Tk application of the kind starkits carry. */

const MESSAGES: readonly (readonly [string, string, string])[] = [
  ['Open datafile...', 'Datei öffnen...', 'Ouvrir un fichier...'],
  ['Close', 'Schließen', 'Fermer'],
  ['Quit', 'Beenden', 'Quitter'],
  ['Views', 'Sichten', 'Vues'],
  ['Rows', 'Zeilen', 'Lignes'],
  ['Properties', 'Eigenschaften', 'Propriétés'],
  ['Commit', 'Festschreiben', 'Valider'],
  ['Rollback', 'Zurücknehmen', 'Annuler'],
  ['Search', 'Suchen', 'Rechercher'],
  ['No datafile is open', 'Keine Datei geöffnet', 'Aucun fichier ouvert'],
  ['%d rows in view %s', '%d Zeilen in Sicht %s', '%d lignes dans la vue %s'],
  ['The file %s is not a Metakit datafile', 'Die Datei %s ist keine Metakit-Datei', "Le fichier %s n'est pas un fichier Metakit"],
  ['Really discard the changes?', 'Änderungen wirklich verwerfen?', 'Abandonner vraiment les modifications ?'],
  ['Export as CSV...', 'Als CSV exportieren...', 'Exporter en CSV...'],
  ['Aside file', 'Nebendatei', 'Fichier annexe'],
  ['Flush the aside into the main file', 'Nebendatei in die Hauptdatei übernehmen', 'Reporter le fichier annexe dans le fichier principal'],
  ['About', 'Über', 'À propos'],
];

function msgFile(lang: 'de' | 'fr'): string {
  const col = lang === 'de' ? 1 : 2;
  const lines = [`# ${lang}.msg -- ${lang === 'de' ? 'German' : 'French'} messages for app-demo`, '', 'namespace eval ::app-demo {', `    ::msgcat::mcmset ${lang} {`];
  for (const m of MESSAGES) lines.push(`        ${JSON.stringify(m[0])}`, `        ${JSON.stringify(m[col])}`);
  lines.push('    }', '}', '');
  return lines.join('\n');
}

export const TCL_FILES = {
  'main.tcl': `package require starkit
if {[starkit::startup] eq "sourced"} return
package require app-demo
app-demo::main $argv
`,
  'README.txt': `app-demo -- a Metakit browser packed as a starkit

This starkit is a demo written by mkinspect. Its files live in the views of the
datafile itself, the way Tcl's mk4vfs stores them:

    dirs[name:S,parent:I,files[name:S,size:I,date:I,contents:B]]

Row 0 of dirs is the root; every other row names its parent row. A file's
contents are zlib-deflated unless that would not make them smaller; the size
property is always the real size, so a reader can tell the two apart.

Run it with:   tclkit app-demo.kit /path/to/data.mk
`,
  'app-demo/pkgIndex.tcl': `# Tcl package index file for app-demo
package ifneeded app-demo 1.0 [list source [file join $dir demo.tcl]]
`,
  'app-demo/demo.tcl': `# demo.tcl -- the entry point of app-demo: open a datafile, list its views.
package require Tcl 8.6
package require Mk4tcl
package require msgcat
package require json

namespace eval ::app-demo {
    variable db ""
    variable here [file dirname [info script]]
    ::msgcat::mcload [file join $here msgs]
    namespace import ::msgcat::mc
}

proc ::app-demo::open {path {mode -readonly}} {
    variable db
    if {$db ne ""} { mk::file close $db }
    set db demo
    if {[catch {mk::file open $db $path $mode} err]} {
        set db ""
        return -code error [mc "The file %s is not a Metakit datafile" $path]
    }
    return $db
}

proc ::app-demo::views {} {
    variable db
    set out {}
    foreach view [mk::file views $db] {
        lappend out $view [mk::view size $db.$view]
    }
    return $out
}

proc ::app-demo::summary {} {
    set lines {}
    foreach {view rows} [views] {
        lappend lines [mc "%d rows in view %s" $rows $view]
    }
    return [join $lines \\n]
}

proc ::app-demo::asJson {view {limit 100}} {
    variable db
    set props [mk::view layout $db.$view]
    set rows {}
    set n [expr {min($limit, [mk::view size $db.$view])}]
    for {set i 0} {$i < $n} {incr i} {
        set row {}
        foreach prop $props {
            set name [lindex [split $prop :] 0]
            if {[llength $prop] > 1} continue  ;# subviews are skipped here
            dict set row $name [mk::get $db.$view!$i $name]
        }
        lappend rows $row
    }
    return [json::encode list [lmap r $rows {json::encode dict $r}]]
}

proc ::app-demo::main {argv} {
    if {[llength $argv] == 0} {
        puts stderr "usage: app-demo DATAFILE ?VIEW?"
        exit 2
    }
    lassign $argv path view
    open $path
    if {$view eq ""} {
        puts [summary]
    } else {
        puts [asJson $view]
    }
}

package provide app-demo 1.0
`,
  'app-demo/browse.tcl': `# browse.tcl -- a Tk window listing the rows of one view.
package require Tk

proc ::app-demo::browse {view} {
    variable db
    set w .browse
    destroy $w
    toplevel $w
    wm title $w "$view -- [mc Rows]"
    set props [lmap p [mk::view layout $db.$view] {lindex [split [lindex $p 0] :] 0}]
    ttk::treeview $w.tree -columns $props -show headings -yscrollcommand [list $w.sb set]
    ttk::scrollbar $w.sb -command [list $w.tree yview]
    foreach p $props {
        $w.tree heading $p -text $p
        $w.tree column $p -width 120 -stretch 1
    }
    mk::loop c $db.$view {
        set values {}
        foreach p $props { lappend values [mk::get $c $p] }
        $w.tree insert {} end -values $values
    }
    grid $w.tree $w.sb -sticky nsew
    grid columnconfigure $w 0 -weight 1
    grid rowconfigure $w 0 -weight 1
    bind $w <Escape> [list destroy $w]
}
`,
  'app-demo/msgs/de.msg': msgFile('de'),
  'app-demo/msgs/fr.msg': msgFile('fr'),
  'json/pkgIndex.tcl': `package ifneeded json 0.3 [list source [file join $dir json.tcl]]
`,
  'json/json.tcl': `# json.tcl -- a small JSON encoder (strings, numbers, lists, dicts).
namespace eval ::json {
    namespace export encode
    variable escapes {
        \\" \\\\\\" \\\\ \\\\\\\\ \\b \\\\b \\f \\\\f \\n \\\\n \\r \\\\r \\t \\\\t
    }
}

proc ::json::string {s} {
    variable escapes
    set s [::string map $escapes $s]
    regsub -all {[\\x00-\\x1f]} $s {[format "\\\\u%04x" [scan "&" %c]]} s
    return "\\"[subst -novariables -nobackslashes $s]\\""
}

proc ::json::encode {type value} {
    switch -- $type {
        string  { return [string $value] }
        number  { return [expr {$value + 0}] }
        list    { return "\\[[join $value ,]\\]" }
        dict {
            set parts {}
            dict for {k v} $value {
                if {[::string is double -strict $v]} {
                    lappend parts "[string $k]:$v"
                } else {
                    lappend parts "[string $k]:[string $v]"
                }
            }
            return "{[join $parts ,]}"
        }
        default { return -code error "json::encode: unknown type $type" }
    }
}

package provide json 0.3
`,
} as const;
