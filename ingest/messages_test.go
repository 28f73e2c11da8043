package ingest

import (
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

// Every problem of a row carries its reason by id: rendered in English it
// is the Reason printed; in Persian it names the column by its Persian
// header and says the rule in Persian.
func TestProblemsInPersian(t *testing.T) {
	exp, _, err := readDir(t, writeExport(t, map[string]string{
		"offices.csv": baseExport["offices.csv"] +
			"G-001,دوباره,Gilan,رشت,urban,pishkhan,0013542419,1395/04/01\n" +
			"G-009,,Atlantis,رشت,suburb,pishkhan,0013542418,1404/12/30\n",
		"declarations.csv": baseExport["declarations.csv"] +
			"G-001,1404-H3,1404/02/10,-1,0,main_street,11,confirmed\n" +
			"X-1,1404-H1,1404/13/10,5,1,main_street,1,ok\n",
		"services.csv": baseExport["services.csv"] + "Gilan,رشت,urban,7\n\"bad\"quote,x,urban,1\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	byCell := map[string]export.Problem{}
	for _, p := range exp.Problems {
		if p.Msg.ID == "" {
			t.Errorf("%s: no message id", p.Error())
			continue
		}
		if en := p.Msg.In(vocab.English); en != p.Reason {
			t.Errorf("%s: the message in English is %q", p.Error(), en)
		}
		fa := p.ReasonIn(vocab.Persian)
		if fa == p.Reason || strings.Contains(fa, "must") || strings.Contains(fa, "%!") {
			t.Errorf("%s: in Persian %q", p.Error(), fa)
		}
		byCell[p.File+":"+p.Column+":"+firstField(p.Error())] = p
	}
	for _, tc := range []struct{ at, en, fa string }{
		{"offices.csv:office_code:5", `offices.csv:5:office_code: repeats office_code of row 2`,
			`offices.csv:5:کد دفتر: کد دفتر تکراری است؛ پیش‌تر در ردیف 2 آمده است`},
		{"offices.csv:name:6", `offices.csv:6:name: is required`, `offices.csv:6:نام دفتر: خالی است؛ این ستون باید پر شود`},
		{"offices.csv:province:6", `offices.csv:6:province: must be one of the 31 provinces, by Persian or English name, got "Atlantis"`,
			`offices.csv:6:استان: باید نام فارسی یا انگلیسی یکی از ۳۱ استان باشد؛ مقدار واردشده: «Atlantis»`},
		{"offices.csv:area_type:6", `offices.csv:6:area_type: must be one of urban (شهری), rural (روستایی), got "suburb"`,
			`offices.csv:6:نوع منطقه: باید یکی از شهری (urban)، روستایی (rural) باشد؛ مقدار واردشده: «suburb»`},
		{"offices.csv:holder_national_id:6", `offices.csv:6:holder_national_id: has a wrong check digit, got "0013542418"`,
			`offices.csv:6:کد ملی دارنده پروانه: رقم کنترل آن نادرست است؛ مقدار واردشده: «0013542418»`},
		{"offices.csv:license_date:6", `offices.csv:6:license_date: is not a day of the Jalali calendar: 1404/12 has 29 days, got "1404/12/30"`,
			`offices.csv:6:تاریخ صدور پروانه: چنین روزی در تقویم شمسی نیست: ماه 12 سال 1404، 29 روز دارد؛ مقدار واردشده: «1404/12/30»`},
		{"declarations.csv:period:4", `declarations.csv:4:period: must be a period such as 1404-H1 (H1 = months 1–6, H2 = months 7–12), got "1404-H3"`,
			`declarations.csv:4:دوره: باید دوره‌ای مانند 1404-H1 (H1 شش‌ماهه اول، ماه‌های ۱ تا ۶؛ H2 شش‌ماهه دوم، ماه‌های ۷ تا ۱۲) باشد؛ مقدار واردشده: «1404-H3»`},
		{"declarations.csv:area_m2:4", `declarations.csv:4:area_m2: must be a number ≥ 0, got "-1"`,
			`declarations.csv:4:متراژ: باید عددی برابر با 0 یا بیشتر باشد؛ مقدار واردشده: «-1»`},
		{"declarations.csv:staff_count:4", `declarations.csv:4:staff_count: must be a whole number ≥ 1, got "0"`,
			`declarations.csv:4:تعداد پرسنل: باید عدد صحیحی برابر با 1 یا بیشتر باشد؛ مقدار واردشده: «0»`},
		{"declarations.csv:association_score:4", `declarations.csv:4:association_score: must be a number from 0 to 10, got "11"`,
			`declarations.csv:4:امتیاز انجمن: باید عددی از 0 تا 10 باشد؛ مقدار واردشده: «11»`},
		{"declarations.csv:office_code:5", `declarations.csv:5:office_code: "X-1" is not in the registry`,
			`declarations.csv:5:کد دفتر: «X-1» در فهرست دفاتر نیست`},
		{"declarations.csv:submitted_at:5", `declarations.csv:5:submitted_at: month 13 is not 1–12, got "1404/13/10"`,
			`declarations.csv:5:تاریخ ثبت: ماه 13 نادرست است؛ ماه‌ها از ۱ تا ۱۲ هستند؛ مقدار واردشده: «1404/13/10»`},
		{"services.csv::4", `services.csv:4: repeats the area (province, city, area_type) of row 2`,
			`services.csv:4: منطقه (استان، شهر، نوع منطقه) تکراری است؛ پیش‌تر در ردیف 2 آمده است`},
		{"services.csv::5", `services.csv:5: malformed CSV: extraneous or missing " in quoted-field (line 5, column 5)`,
			`services.csv:5: ساختار CSV نادرست است: extraneous or missing " in quoted-field (سطر 5، ستون 5)`},
	} {
		p, ok := byCell[tc.at]
		if !ok {
			t.Errorf("no problem at %s", tc.at)
			continue
		}
		if got := p.Error(); got != tc.en {
			t.Errorf("%s: Error() = %q, want %q", tc.at, got, tc.en)
		}
		if got := p.ErrorIn(vocab.Persian); got != tc.fa {
			t.Errorf("%s: ErrorIn(fa) = %q\nwant                %q", tc.at, got, tc.fa)
		}
	}
}

// firstField is the row of a problem as Error prints it.
func firstField(s string) string {
	parts := strings.SplitN(s, ":", 3)
	return parts[1]
}
